# Data package: code lists, HTI tables as JSON, playbooks, translations (shipped in the wheel).
