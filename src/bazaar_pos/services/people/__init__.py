"""People: who may do what (sign-in, PINs, approvals), the till's users, reading the audit log."""
