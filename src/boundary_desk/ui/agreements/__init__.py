"""Communication agreements: the editor, the clause wording and printing."""
