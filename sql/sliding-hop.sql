-- Sliding window by HOP: the rows of each ticker in the last minute of ROWTIME, every 30 seconds (a row counts in
-- the two windows that contain it); the result's ROWTIME is the window's end. Input as in tumbling-count.sql.
--
-- Placeholders: ENDPOINT, INPUT, OUTPUT.

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

CREATE TABLE hop_counts (
  `ROWTIME` TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  TICKER_COUNT BIGINT
) WITH (
  'connector' = 'kinesis',
  'stream' = '${OUTPUT:-hop-counts}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'sink.flush-buffer.timeout' = '200 ms',
  'format' = 'json'
);

INSERT INTO hop_counts
SELECT window_end, TICKER_SYMBOL, COUNT(*)
FROM TABLE(HOP(TABLE ticks, DESCRIPTOR(`ROWTIME`), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, TICKER_SYMBOL;
