// The terminal layer lives beside this file.
