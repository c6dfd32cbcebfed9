"""The small toolkit every genre loader shares: reading sources, text, dates, tables."""
