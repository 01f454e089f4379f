"""The Reports screen: figures, breakdowns, charts, drill-down, exports and merging tills."""
