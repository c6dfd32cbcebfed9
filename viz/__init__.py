"""Interactive HTML views of the graph."""
