-- Sliding window by OVER: one result row per input row, counting the rows of its ticker in the minute before it.
-- KDA's WINDOW w AS (PARTITION BY TICKER_SYMBOL RANGE INTERVAL '1' MINUTE PRECEDING) counts a row exactly one minute
-- old as gone (REFERENCE.md section 3); Flink's RANGE INTERVAL '1' MINUTE PRECEDING still counts it. Times have
-- millisecond precision here, so 59.999 seconds is the strict bound that matches KDA (see sql/README.md).
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

CREATE TABLE over_counts (
  `ROWTIME` TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  TICKER_COUNT BIGINT
) WITH (
  'connector' = 'kinesis',
  'stream' = '${OUTPUT:-over-counts}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'sink.flush-buffer.timeout' = '200 ms',
  'format' = 'json'
);

INSERT INTO over_counts
SELECT `ROWTIME`, TICKER_SYMBOL, COUNT(*) OVER last_minute
FROM ticks
WINDOW last_minute AS (
  PARTITION BY TICKER_SYMBOL ORDER BY `ROWTIME`
  RANGE BETWEEN INTERVAL '59.999' SECOND(2, 3) PRECEDING AND CURRENT ROW
);
