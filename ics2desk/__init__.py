"""ics2desk: file EU ICS2 Entry Summary Declarations (road IE3F50) from a customs desk."""

__version__ = "0.1.0"
