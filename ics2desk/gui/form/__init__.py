"""The New ENS tab: the form generated from the HTI tables (fields, group and repeat editors,
code-list completion) and its dialogs (amendment preview, template picker)."""
