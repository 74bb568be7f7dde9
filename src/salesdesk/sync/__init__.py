"""salesdesk.sync"""
