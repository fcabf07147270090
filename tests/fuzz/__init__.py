"""Hostile input for every action, and the machinery that feeds it to Home Assistant."""
