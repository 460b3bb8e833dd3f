package io.sluice.delivery.convert;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.api.DataFormatConversion;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * Sluice's stand-in for the AWS Glue Data Catalog: the directory {@code sluice.firehose.schema-dir} with one
 * {@code DATABASE/TABLE.json} per table (see {@link GlueSchema}). {@code dir} is null when none is configured.
 */
public record GlueCatalog(String dir) implements Serializable {

    public static GlueCatalog from(Configuration conf) {
        return new GlueCatalog(conf.get(DeliveryOptions.SCHEMA_DIR));
    }

    /** No catalog: every table is missing. */
    public static GlueCatalog none() {
        return new GlueCatalog(null);
    }

    /**
     * The conversion with the columns of the table it names, read now; {@link InvalidArgumentException} naming the table
     * when it does not exist. A conversion that is off is returned as it is.
     */
    public DataFormatConversion resolve(DataFormatConversion conversion) {
        if (conversion == null || !conversion.active()) {
            return conversion;
        }
        DataFormatConversion.SchemaConfiguration table = conversion.schema();
        if (dir == null) {
            throw new InvalidArgumentException("The AWS Glue table " + table.databaseName() + "." + table.tableName()
                    + " does not exist (no sluice.firehose.schema-dir is configured).");
        }
        return conversion.withColumns(GlueSchema.read(Path.of(dir), table.databaseName(), table.tableName()).columns());
    }
}
