"""salesdesk.flow"""
