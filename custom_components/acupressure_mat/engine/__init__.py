"""Pure mat logic: sessions, ramp, streak, pain and guidance audio, free of Home Assistant."""
