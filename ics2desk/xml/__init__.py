"""XML both ways for HTI messages: safe parsing, model <-> XML, XSD validation."""
