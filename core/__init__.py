"""What every app uses: the domain error base and personal-data protection."""
