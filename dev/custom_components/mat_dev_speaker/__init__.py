"""A pretend speaker for scripts/develop: it saves what it is asked to play to a file."""
