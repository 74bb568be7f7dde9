"""salesdesk.ui"""
