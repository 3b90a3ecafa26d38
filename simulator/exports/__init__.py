"""Exports of the records for other systems: CSV for spreadsheets, xAPI statements for the
Learning Record Store a company's learning management system reads."""
