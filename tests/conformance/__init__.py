"""The rules hassfest and HACS apply to a custom integration, rewritten from their sources."""
