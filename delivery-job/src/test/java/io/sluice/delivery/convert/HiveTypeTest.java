package io.sluice.delivery.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hive's type grammar, as Glue tables write it. */
class HiveTypeTest {

    @Test
    void scalarsAndNestedTypesParseAndPrintInHiveSpelling() {
        assertThat(HiveType.parse("STRING").kind()).isEqualTo(HiveType.Kind.STRING);
        assertThat(HiveType.parse("integer").kind()).isEqualTo(HiveType.Kind.INT);
        HiveType decimal = HiveType.parse("decimal( 12 , 3 )");
        assertThat(decimal.length()).isEqualTo(12);
        assertThat(decimal.scale()).isEqualTo(3);
        assertThat(HiveType.parse("decimal").toString()).isEqualTo("decimal(10,0)");
        assertThat(HiveType.parse("varchar(20)").toString()).isEqualTo("varchar(20)");
        HiveType nested = HiveType.parse("struct<Id:bigint, tags: array<string>, attrs:map<string,struct<v:double>>>");
        assertThat(nested.toString()).isEqualTo("struct<id:bigint,tags:array<string>,attrs:map<string,struct<v:double>>>");
        assertThat(nested.fieldNames()).containsExactly("id", "tags", "attrs");
        assertThat(nested.children().get(2).children().get(1).kind()).isEqualTo(HiveType.Kind.STRUCT);
    }

    @Test
    void whatIsNotAHiveTypeSluiceConvertsIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> HiveType.parse("binary"))
                .hasMessage("Invalid type 'binary' at 6: type 'binary' is not supported");
        assertThatThrownBy(() -> HiveType.parse("array<int"))
                .hasMessage("Invalid type 'array<int' at 9: '>' expected");
        assertThatThrownBy(() -> HiveType.parse("decimal(40,2)"))
                .hasMessage("Invalid type 'decimal(40,2)' at 13: decimal(40,2) needs 1 <= precision <= 38 and scale <= precision");
        assertThatThrownBy(() -> HiveType.parse("int extra"))
                .hasMessage("Invalid type 'int extra' at 4: unexpected 'extra'");
    }
}
