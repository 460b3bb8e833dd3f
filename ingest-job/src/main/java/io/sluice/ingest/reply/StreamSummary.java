package io.sluice.ingest.reply;

/** One entry of ListStreams' StreamSummaries. */
public record StreamSummary(String name, String arn, String status, String mode, long createdAtMillis) {}
