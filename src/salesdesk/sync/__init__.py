"""salesdesk.sync — the desktop side of sync: login, push/pull with rebase, lookups
through the server's gateway, and a background sync service with observable status.

Imports flow/ and sales/, never ui/.
"""
