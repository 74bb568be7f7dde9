"""salesdesk.store"""
