"""Who may see what, and the proof of it: accounts and sign-in, the centre check, the
access log, encryption of personal data, its keys, and masking on paper and screen."""
