-- Tumbling window: the AWS documentation's example (REFERENCE.md section 3). Counts the rows of each ticker per
-- minute of ROWTIME, keyed also by the minute of EVENT_TIME, as KDA's
--   GROUP BY TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), STEP(ROWTIME BY INTERVAL '1' MINUTE)
-- does; the result's ROWTIME is the window's end. ROWTIME is a data column here (KDA's arrival time would be the
-- `arrival_time` metadata column instead), watermarked 5 s behind, per shard.
--
-- Placeholders: ENDPOINT (the Kinesis endpoint), INPUT and OUTPUT (stream names).

CREATE TABLE ticks (
  `ROWTIME` TIMESTAMP(3),
  EVENT_TIME TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${INPUT:-ticks}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'scan.stream.initpos' = 'TRIM_HORIZON',
  'format' = 'json'
);

CREATE TABLE ticker_counts (
  `ROWTIME` TIMESTAMP(3),
  EVENT_TIME TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  TICKER_COUNT BIGINT
) WITH (
  'connector' = 'kinesis',
  'stream' = '${OUTPUT:-ticker-counts}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'sink.flush-buffer.timeout' = '200 ms',
  'format' = 'json'
);

-- the pump
INSERT INTO ticker_counts
SELECT window_end, FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL, COUNT(*)
FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(`ROWTIME`), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL;
