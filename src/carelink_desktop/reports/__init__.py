"""Confidential reports: each builds a neutral ReportDocument; reportlab only renders it."""
