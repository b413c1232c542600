package io.transcribebridge.testing.labelstudio;

/**
 * What the emulator remembers about a request. Headers and bodies are deliberately not kept (they carry
 * tokens). {@code status} is 0 while the request is still being answered (e.g. during an import delay).
 */
public record RecordedRequest(String method, String path, int status) {
}
