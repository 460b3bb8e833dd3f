package io.sluice.common.account;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The account every Sluice service speaks for: one region and one account id, written into ARNs and messages. */
public final class AccountOptions {

    public static final ConfigOption<String> REGION =
            ConfigOptions.key("sluice.region")
                    .stringType()
                    .defaultValue("us-east-1")
                    .withDescription("Region written into ARNs.");

    public static final ConfigOption<String> ACCOUNT_ID =
            ConfigOptions.key("sluice.account-id")
                    .stringType()
                    .defaultValue("000000000000")
                    .withDescription("12-digit account id written into ARNs and messages.");

    private AccountOptions() {}
}
