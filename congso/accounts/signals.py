"""Signals other apps listen to (they sit above accounts, so accounts cannot call them).

`custodian_grant_event(sender=CustodianGrant, grant=<row>, event="requested"|"confirmed"|
"refused")`: sent inside the service's transaction; cases turns it into notices to the heads of
the unit (`cases.receivers`)."""

from django.dispatch import Signal

custodian_grant_event = Signal()
