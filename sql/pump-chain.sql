-- A chain of pumps through a stream: the first pump cleans the ticks (drops rows without a price, upper-cases the
-- ticker) into the stream CLEAN, the second reads CLEAN back and sums each ticker's prices per minute of ROWTIME into
-- OUTPUT. Both pumps run in the application's one job; CLEAN is an ordinary Sluice stream that others can read too.
--
-- Placeholders: ENDPOINT, INPUT, CLEAN, OUTPUT.

CREATE TABLE trades (
  `ROWTIME` TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  PRICE INT,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${INPUT:-trades}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'scan.stream.initpos' = 'TRIM_HORIZON',
  'format' = 'json'
);

-- The in-application stream between the pumps, written by the first and read by the second. One write in flight keeps
-- its rows in the order the first pump wrote them, so the second pump's watermark does not find later ones late.
CREATE TABLE clean_trades (
  `ROWTIME` TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  PRICE INT,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = '${CLEAN:-clean-trades}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'scan.stream.initpos' = 'TRIM_HORIZON',
  'scan.shard.discovery.interval' = '1 s',
  'sink.flush-buffer.timeout' = '200 ms',
  'sink.requests.max-inflight' = '1',
  'format' = 'json'
);

CREATE TABLE minute_totals (
  `ROWTIME` TIMESTAMP(3),
  TICKER_SYMBOL STRING,
  TRADES BIGINT,
  TOTAL INT
) WITH (
  'connector' = 'kinesis',
  'stream' = '${OUTPUT:-minute-totals}',
  'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}',
  'sink.flush-buffer.timeout' = '200 ms',
  'format' = 'json'
);

INSERT INTO clean_trades
SELECT `ROWTIME`, UPPER(TICKER_SYMBOL), PRICE
FROM trades
WHERE PRICE IS NOT NULL;

INSERT INTO minute_totals
SELECT window_end, TICKER_SYMBOL, COUNT(*), SUM(PRICE)
FROM TABLE(TUMBLE(TABLE clean_trades, DESCRIPTOR(`ROWTIME`), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, TICKER_SYMBOL;
