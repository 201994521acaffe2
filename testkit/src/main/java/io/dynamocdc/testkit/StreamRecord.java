package io.dynamocdc.testkit;

/**
 * One stream record, serialised once when written (GetRecords only copies bytes).
 *
 * @param sequence    position in the stream's single sequence counter
 * @param createdAt   emulator-clock millis of the write (for the 24-hour trim)
 * @param json        the record as GetRecords returns it
 */
record StreamRecord(long sequence, long createdAt, byte[] json) {
}
