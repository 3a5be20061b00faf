# Data package: Qt Designer .ui forms loaded at run time by ics2desk.gui.
