"""The dashboard's tables: the same rows feed the page, its charts and the CSV downloads.

No table holds personal data: only counts, averages, and the names and codes
of places and matters. ``build`` gathers the figures and builds the tables,
``downloads`` writes one as CSV.
"""
