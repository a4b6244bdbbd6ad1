"""The e-mail round: what cspxl says to partners (templates), the SMTP server, and the rounds that send,
chase, send corrections back and record returns sent by hand."""
