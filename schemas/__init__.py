# Data package: the XSD set (ours, derived from the HTI tables; replaceable by the official one).
