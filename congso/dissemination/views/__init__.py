"""Pages of dissemination: documents and campaigns (documents.py), the recipient's reading and
acknowledging (reading.py), study sessions and attendance (sessions.py)."""
