"""Staff pages of the cases app: the queue and case pages, deadlines, report screening."""
