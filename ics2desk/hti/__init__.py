"""The HTI tables as data: message structures, formats, rules text (loaded from resources/hti)."""
