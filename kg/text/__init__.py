"""Free-text miners shared by every layout: sentences, drug/target spotting, mechanism
statements, cited results, dosing and the study's stated aim."""
