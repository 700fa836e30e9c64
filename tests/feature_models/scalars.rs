//! Numbers and dates: int64, big ints, decimals, TypeScript numbers,
//! floats, dates and date-times.

use super::*;

// ---------------------------------------------------------------- integers

#[test]
fn integers_read_numbers_or_strings_and_int64_writes_strings() {
    let r: Reading = read(&with(reading(), json!({"batchSize": 42, "counted": "-7"}))).unwrap();
    assert_eq!(r.batch_size, Some(42));
    assert_eq!(r.counted, (-7).into());
    let out = write(&r);
    // `batchSize` is int64 by the overlay: a string; `counted` a number.
    assert_eq!(out["batchSize"], "42");
    assert_eq!(out["counted"], -7);
    let r: Reading = read(&with(reading(), json!({"batchSize": "9007199254740993"}))).unwrap();
    assert_eq!(r.batch_size, Some(9_007_199_254_740_993));
    assert_eq!(write(&r)["batchSize"], "9007199254740993");
    let r: Reading = read(&with(reading(), json!({"batchSize": i64::MIN}))).unwrap();
    assert_eq!(write(&r)["batchSize"], "-9223372036854775808");
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"batchSize": 1.5}))),
        "batchSize: invalid value: a number with a fraction, expected an integer or a decimal \
         string at line 1 column 120"
    );
    assert_eq!(
        error::<Reading>(&with(
            reading(),
            json!({"batchSize": "9223372036854775808"})
        )),
        "batchSize: invalid value: string \"9223372036854775808\", expected an integer of 64 \
         bits at line 1 column 139"
    );
    // `format = "int32"`: a 64-bit integer written as a number.
    let b: Bin = round_trip(
        json!({"label": "A", "slot": "3"}),
        json!({"label": "A", "slot": 3}),
    );
    assert_eq!(b.slot, Some(3));
    assert_eq!(
        error::<Bin>(&json!({"label": "A", "slot": "three"})),
        "slot: invalid value: string \"three\", expected an integer or a decimal string at line \
         1 column 27"
    );
    // Inside a list: the path names the element.
    assert_eq!(
        error::<Tool>(
            &json!({"toolId": "T", "serial": null, "spareBins": [{"label": "a"}, {"label": "b", "slot": true}]})
        ),
        "spareBins[1].slot: invalid type: boolean `true`, expected an integer or a decimal \
         string at line 1 column 79"
    );
}

#[test]
fn python_ints_have_no_size_limit_as_numbers_or_strings() {
    let big = "123456789012345678901234567890";
    let base =
        r#""partNumber":"P","unitPrice":1,"weight":0.5,"scaleOk":false,"countedOn":"2024-01-01""#;
    for counted in [big.to_string(), format!("\"{big}\""), format!("\"-{big}\"")] {
        let text = format!("{{{base},\"counted\":{counted}}}");
        let r: Reading = read_text(&text).unwrap();
        let expected = counted.trim_matches('"');
        assert_eq!(r.counted.to_string(), expected);
        // Written as a number, every digit kept.
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            format!(
                r#"{{"partNumber":"P","counted":{expected},"unitPrice":1,"weight":0.5,"scaleOk":false,"countedOn":"2024-01-01"}}"#
            )
        );
    }
    assert_eq!(
        read_text::<Reading>(&format!("{{{base},\"counted\":\"12x\"}}")).unwrap_err(),
        "counted: invalid value: string \"12x\", expected an integer or a decimal string at \
         line 1 column 101"
    );
    assert_eq!(
        read_text::<Reading>(&format!("{{{base},\"counted\":1e3}}")).unwrap_err(),
        "counted: invalid value: a number with a fraction, expected an integer or a decimal \
         string at line 1 column 99"
    );
    // Operation and error docs use the same integers.
    let e: ToolError = read_text(&format!(r#"{{"message":"m","code":"{big}"}}"#)).unwrap();
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        format!(r#"{{"message":"m","code":{big}}}"#)
    );
}

#[test]
fn decimals_keep_every_digit() {
    let base =
        r#""partNumber":"P","counted":1,"weight":0.5,"scaleOk":true,"countedOn":"2024-01-01""#;
    let price = "12345678901234567890.123456789";
    for written in [price.to_string(), format!("\"{price}\"")] {
        let text = format!("{{{base},\"unitPrice\":{written},\"discount\":123.4500}}");
        assert_eq!(
            text_round_trip::<Reading>(&text),
            format!(
                r#"{{"partNumber":"P","counted":1,"unitPrice":{price},"discount":123.4500,"weight":0.5,"scaleOk":true,"countedOn":"2024-01-01"}}"#
            )
        );
        let r: Reading = read_text(&text).unwrap();
        assert_eq!(r.unit_price.to_string(), price);
    }
    // Exact, though not always in the form sent: an exponent is written
    // out or kept as BigDecimal prints it, and -0.0 is 0.
    for (sent, written) in [
        ("0.000000000000000000001", "1e-21"),
        ("1e3", "1000"),
        ("-0.0", "0"),
        ("1000000000000000000000", "1000000000000000000000"),
    ] {
        let text = format!("{{{base},\"unitPrice\":{sent}}}");
        let out = text_round_trip::<Reading>(&text);
        assert!(
            out.contains(&format!("\"unitPrice\":{written},")),
            "{sent}: {out}"
        );
    }
    assert_eq!(
        read_text::<Reading>(&format!("{{{base},\"unitPrice\":\"cheap\"}}")).unwrap_err(),
        "unitPrice: invalid value: string \"cheap\", expected a number or a decimal string at \
         line 1 column 102"
    );
}

#[test]
fn typescript_numbers_keep_their_form() {
    for (sent, written) in [
        ("1.50", "1.50"),
        ("7", "7"),
        ("-0.0", "-0.0"),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567890",
        ),
        // serde_json's spelling of an exponent.
        ("1e3", "1e+3"),
    ] {
        let text = format!(r#"{{"sensorId":"S","reading":{sent}}}"#);
        assert_eq!(
            text_round_trip::<Sensor>(&text),
            format!(r#"{{"reading":{written},"sensorId":"S"}}"#)
        );
    }
    // A decimal string is read as a number, and written as one.
    let s: Sensor = round_trip(
        json!({"sensorId": "S", "reading": "7.25"}),
        json!({"reading": 7.25, "sensorId": "S"}),
    );
    assert_eq!(s.reading.unwrap().to_string(), "7.25");
    assert_eq!(
        error::<Sensor>(&json!({"sensorId": "S", "reading": "seven"})),
        "reading: invalid value: string \"seven\", expected a number or a decimal string at \
         line 1 column 33"
    );
}

#[test]
fn floats_are_written_as_floats() {
    let r: Reading = read(&with(reading(), json!({"weight": 2}))).unwrap();
    assert_eq!(r.weight, 2.0);
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"partNumber":"P-100","counted":12,"unitPrice":0.25,"weight":2.0,"scaleOk":true,"countedOn":"2024-02-29"}"#
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"weight": "2"}))),
        "weight: invalid type: string \"2\", expected f64 at line 1 column 64"
    );
}

// ---------------------------------------------------------------- dates

#[test]
fn dates_and_date_times_keep_their_form() {
    // `countedOn` is a date by the overlay: read and written as a date.
    let r: Reading = same(reading());
    assert_eq!(
        r.counted_on,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
    );
    // `loggedAt` is a date-time by the overlay: offset and nanoseconds kept.
    let logged = "2024-03-01T08:15:30.123456789+05:30";
    let r: Reading = same(with(reading(), json!({"loggedAt": logged})));
    let t = r.logged_at.unwrap();
    assert_eq!(t.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
    assert_eq!(chrono::Timelike::nanosecond(&t), 123_456_789);
    // A date-time is not a date, nor the other way round.
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"countedOn": logged}))),
        "countedOn: trailing input at line 1 column 129"
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"loggedAt": "2024-03-01"}))),
        "loggedAt: premature end of input at line 1 column 128"
    );
    // Not a date at all: the error names the key.
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"countedOn": "not-a-date"}))),
        "countedOn: input contains invalid characters at line 1 column 104"
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"loggedAt": "not-a-date"}))),
        "loggedAt: input contains invalid characters at line 1 column 128"
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"seenAt": "not-a-date"}))),
        "seenAt: invalid value: string \"not-a-date\", expected an RFC 3339 date or date-time at \
         line 1 column 126"
    );
    // `seenAt` has no format in the overlay: a date or a date-time, each
    // written back as the same kind.
    let r: Reading = same(with(reading(), json!({"seenAt": "2023-12-31"})));
    assert!(matches!(r.seen_at, Some(DateOrDateTime::Date(_))));
    let r: Reading = same(with(
        reading(),
        json!({"seenAt": "2023-12-31T23:59:59.123-08:00"}),
    ));
    assert!(matches!(r.seen_at, Some(DateOrDateTime::DateTime(_))));
    // The TypeScript `Date` is a date-time.
    let s: Sensor =
        same(json!({"calibratedAt": "2020-01-02T03:04:05.000000001+01:00", "sensorId": "S1"}));
    assert_eq!(chrono::Timelike::nanosecond(&s.calibrated_at.unwrap()), 1);
    assert_eq!(
        error::<Sensor>(&json!({"sensorId": "S", "calibratedAt": "not-a-date"})),
        "calibratedAt: input contains invalid characters at line 1 column 43"
    );
}

#[test]
fn date_times_are_written_in_one_spelling() {
    // The same instant and offset, spelt as chrono spells it: `Z` for a
    // zero offset, fractions in groups of three digits, upper-case `T`.
    for (sent, written) in [
        ("2024-03-01T08:15:30Z", "2024-03-01T08:15:30Z"),
        ("2024-03-01T08:15:30+00:00", "2024-03-01T08:15:30Z"),
        ("2024-03-01t08:15:30z", "2024-03-01T08:15:30Z"),
        (
            "2024-03-01T08:15:30.5-08:00",
            "2024-03-01T08:15:30.500-08:00",
        ),
        (
            "2024-03-01T08:15:30.1234567891Z",
            "2024-03-01T08:15:30.123456789Z",
        ),
    ] {
        let r: Reading = read(&with(reading(), json!({"loggedAt": sent, "seenAt": sent}))).unwrap();
        let out = write(&r);
        assert_eq!(out["loggedAt"], written, "{sent}");
        assert_eq!(out["seenAt"], written, "{sent}");
    }
}
