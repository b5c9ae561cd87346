"""Finding contact details (phone numbers, email addresses) in running text."""
