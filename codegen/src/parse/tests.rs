use super::*;

fn doc(src: &str) -> Doc {
    match parse_doc("m.md", src) {
        Ok(p) => p.doc,
        Err(e) => panic!("{e:?}"),
    }
}

fn errors(src: &str) -> Vec<Diagnostic> {
    parse_doc("m.md", src).unwrap_err()
}

fn one_type(cell: &str) -> Result<DocType, Vec<Diagnostic>> {
    let src = format!(
        "# M\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `f` | {cell} | :heavy_minus_sign: | d |\n"
    );
    let doc = parse_doc("m.md", &src)?.doc;
    match doc.body {
        Body::Fields(rows) => Ok(rows[0].ty.clone()),
        other => panic!("{other:?}"),
    }
}

fn model(name: &str, q: Option<&str>, link: Option<&str>) -> DocType {
    DocType::Model {
        name: name.into(),
        qualifier: q.map(Into::into),
        link: link.map(Into::into),
    }
}

#[test]
fn type_cells_of_every_dialect() {
    assert_eq!(
        one_type("*Optional[str]*").unwrap(),
        DocType::Optional(Box::new(DocType::Scalar(Scalar::String)))
    );
    assert_eq!(
        one_type("[OptionalNullable[shared.X]](../../models/shared/x.md)").unwrap(),
        DocType::OptionalNullable(Box::new(model(
            "X",
            Some("shared"),
            Some("../../models/shared/x.md")
        )))
    );
    assert_eq!(
        one_type("[Optional[AppGroupApproval]](../../models/shared/appgroupapproval.md)").unwrap(),
        DocType::Optional(Box::new(model(
            "AppGroupApproval",
            None,
            Some("../../models/shared/appgroupapproval.md")
        )))
    );
    assert_eq!(
        one_type("list[*str*]").unwrap(),
        DocType::List(Box::new(DocType::Scalar(Scalar::String)))
    );
    assert_eq!(
        one_type("[shared.X](../../../sdk/models/shared/x.md)[]").unwrap(),
        DocType::List(Box::new(model(
            "X",
            Some("shared"),
            Some("../../../sdk/models/shared/x.md")
        )))
    );
    assert_eq!(
        one_type("Record<string, *any*>").unwrap(),
        DocType::Map(Box::new(DocType::Scalar(Scalar::Any)))
    );
    assert_eq!(
        one_type("[date](https://docs.python.org/3/library/datetime.html#date-objects)").unwrap(),
        DocType::Scalar(Scalar::Temporal)
    );
    assert_eq!(
        one_type("[Date](https://developer.mozilla.org/Date)").unwrap(),
        DocType::Scalar(Scalar::DateTime)
    );
    assert_eq!(
        one_type("[httpx.Response](https://www.python-httpx.org/api/#response)").unwrap(),
        DocType::Sdk("httpx.Response".into())
    );
    assert_eq!(
        one_type("*Decimal*").unwrap(),
        DocType::Scalar(Scalar::Decimal)
    );
    // A union written as a link's text is the linked doc.
    assert_eq!(
        one_type("Dict[str, [Union[str, float, shared.Three, List[Any], bool]](../../models/shared/profile.md)]").unwrap(),
        DocType::Map(Box::new(model("Union", None, Some("../../models/shared/profile.md"))))
    );
}

#[test]
fn bad_type_names_line_column_and_text() {
    let err = one_type("*Optional[str*").unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].line, 7);
    assert_eq!(err[0].column, 9);
    assert!(err[0].message.contains("field `f`"), "{}", err[0]);
    assert!(err[0].text.contains("*Optional[str*"), "{}", err[0]);
}

#[test]
fn tables_are_read_by_header() {
    let d = doc("# M\n\n## Fields\n\n| Type | Field | Example | Required | Description |\n| --- | --- | --- | --- | --- |\n| *int* | `n` | 42 | :heavy_check_mark: | A count. |\n");
    let Body::Fields(rows) = d.body else { panic!() };
    assert_eq!(rows[0].name, "n");
    assert!(rows[0].required);
    assert_eq!(rows[0].example.as_deref(), Some("42"));
    assert_eq!(rows[0].description, "A count.");

    let p = parse_doc("m.md", "# M\n\n## Fields\n\n| Field | Type | Required | Notes |\n| --- | --- | --- | --- |\n| `n` | *int* | :heavy_check_mark: | x |\n").unwrap();
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        p.warnings[0].message,
        "unknown table column `Notes`: ignored"
    );
    assert_eq!((p.warnings[0].line, p.warnings[0].column), (5, 29));

    let e = errors("# M\n\n## Fields\n\n| Field | Required | Description |\n| --- | --- | --- |\n| `n` | :heavy_check_mark: | x |\n");
    assert_eq!(e[0].message, "the fields table has no `Type` column");
}

#[test]
fn prose_is_prose() {
    let src = "# M\n\nAbout M:\n\n- one\n- two\n\n```\ncode\n```\n\n<b>bold</b> text\n\n## Overview\n\nMore.\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `x` | *str* | :heavy_check_mark: | X. |\n\n## Notes\n\nAfter.\n";
    let d = doc(src);
    assert_eq!(
        d.description,
        vec![
            "About M:",
            "- one\n- two",
            "```\ncode\n```",
            "**bold** text",
            "**Overview**",
            "More.",
            "**Notes**",
            "After."
        ]
    );
}

#[test]
fn oneofs_in_cells_are_not_the_models() {
    let src = "# M\n\nAbout M.\n\nThis message contains a oneof named typ. Only a single field of the following list may be set at a time:\n  - a\n  - bee\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `x` | *str* | :heavy_check_mark: | Inner.<br/><br/>This message contains a oneof named other. Only a single field of the following list may be set at a time:<br/>  - q<br/> |\n";
    let d = doc(src);
    assert_eq!(d.description, vec!["About M.".to_string()]);
    assert_eq!(
        d.oneofs,
        vec![OneofDecl {
            name: "typ".into(),
            members: vec!["a".into(), "bee".into()],
            line: 5
        }]
    );
    let Body::Fields(rows) = d.body else { panic!() };
    assert!(rows[0].description.starts_with("Inner.\n\nThis message"));
}

#[test]
fn oneof_without_members_is_an_error() {
    let e = errors("# M\n\nThis message contains a oneof named typ. Only a single field of the following list may be set at a time:\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    assert_eq!(e[0].message, "oneof declaration without a member list");
    assert_eq!(e[0].line, 3);
}

#[test]
fn deprecation_marks() {
    let d = doc("# ~~Old~~\n\nThe old one.\n\n> :warning: **DEPRECATED**: Will go away.\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| ~~`a`~~ | *str* | :heavy_minus_sign: | : warning: ** DEPRECATED **: Use b.<br/><br/>The a. |\n| `b` | *str* | :heavy_minus_sign: | The b. |\n");
    assert_eq!(d.title, "Old");
    assert_eq!(d.deprecated.as_deref(), Some("Will go away."));
    assert_eq!(d.description, vec!["The old one."]);
    let Body::Fields(rows) = d.body else { panic!() };
    assert_eq!(rows[0].deprecated.as_deref(), Some("Use b."));
    assert_eq!(rows[0].description, "The a.");
    assert_eq!(rows[1].deprecated, None);
}

#[test]
fn enum_values_in_every_form() {
    let table = doc(
        "# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A_B` | a b |\n| `EMPTY` |  |\n",
    );
    let Body::Values(v) = table.body else {
        panic!()
    };
    assert_eq!(v.open, Openness::Unstated);
    assert_eq!(v.rows[0].name.as_deref(), Some("A_B"));
    assert_eq!(v.rows[0].value, Literal::String("a b".into()));
    assert_eq!(v.rows[1].value, Literal::String(String::new()));

    let open = doc("# E\n\n## Example Usage\n\n```python\nvalue = E.A\n```\n\n## Values\n\nThis is an open enum. Unrecognized values will not fail type checks.\n\n- `\"a\"`\n- `\"b\"`\n");
    let Body::Values(v) = open.body else { panic!() };
    assert_eq!(v.open, Openness::Open);
    assert_eq!(
        v.rows.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
        vec![Literal::String("a".into()), Literal::String("b".into())]
    );
    assert!(open.description.is_empty(), "{:?}", open.description);

    let closed = doc("# E\n\n## Values\n\n- `1`\n- `2`\n");
    let Body::Values(v) = closed.body else {
        panic!()
    };
    assert_eq!(v.open, Openness::Closed);
    assert_eq!(v.rows[1].value, Literal::Number("2".into()));

    let ts =
        doc("# E\n\n## Values\n\n```typescript\n\"A\" | \"B|C\" | Unrecognized<string>\n```\n");
    let Body::Values(v) = ts.body else { panic!() };
    assert_eq!(v.open, Openness::Open);
    assert_eq!(
        v.rows.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
        vec![Literal::String("A".into()), Literal::String("B|C".into())]
    );
}

#[test]
fn unions_in_both_forms() {
    let old = doc("# Profile\n\n\n## Supported Types\n\n### \n\n```python\nprofile: str = /* values here */\n```\n\n### Three\n\n```python\nprofile: shared.Three = /* values here */\n```\n\n### \n\n```python\nprofile: List[Any] = /* values here */\n```\n");
    let Body::Union(m) = old.body else { panic!() };
    assert_eq!(m.len(), 3);
    assert_eq!(m[0].ty, DocType::Scalar(Scalar::String));
    // The heading is the bare class name; the code has its module.
    assert_eq!(m[1].ty, model("Three", None, None));
    assert_eq!(
        m[2].ty,
        DocType::List(Box::new(DocType::Scalar(Scalar::Any)))
    );

    let new = doc("# U\n\nOne of them.\n\n## Supported Types\n\n### `models.Basic`\n\n```python\nvalue: models.Basic = /* values here */\n```\n\n### `List[models.Basic]`\n\n```python\nvalue: List[models.Basic] = /* values here */\n```\n");
    let Body::Union(m) = new.body else { panic!() };
    assert_eq!(m[0].ty, model("Basic", Some("models"), None));
    assert_eq!(
        m[1].ty,
        DocType::List(Box::new(model("Basic", Some("models"), None)))
    );
    assert_eq!(new.description, vec!["One of them."]);

    let none = errors("# U\n\n## Supported Types\n\nNothing here.\n");
    assert_eq!(none[0].message, "`## Supported Types` lists no member");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}*str*{}", "List[".repeat(500), "]".repeat(500));
    let err = one_type(&deep).unwrap_err();
    assert!(
        err[0].message.contains("nest more than 16 deep"),
        "{}",
        err[0]
    );
}

#[test]
fn missing_body_is_an_error() {
    let err = errors("# M\n\nJust text.\n");
    assert!(err[0].message.contains("no `## Fields`"), "{:?}", err);
}
