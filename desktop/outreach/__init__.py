"""Closing the loop with the channels: the lists Anbu Desk sends out (the post office's
visits, the AI's calls), the 대상자번호 they carry and bring back, and the big-data rounds."""
