"""Trainers' reports: one self-contained HTML file per call, trainee or team.

No network and no external assets: the styles are in the page, the charts
are inline SVG drawn by matplotlib, and every text from a transcript, a
scenario or a name is escaped by Jinja2's autoescape.
"""
