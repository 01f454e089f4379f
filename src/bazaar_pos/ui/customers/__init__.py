"""The Customers screen: customers, their kasbon, repayments, reminders and groups."""
