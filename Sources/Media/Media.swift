/// Media: the world's file formats (PNG, JPEG, GIF, WAV, MIDI, ABC) and a small synthesizer. No neural code.
public enum Media {}
