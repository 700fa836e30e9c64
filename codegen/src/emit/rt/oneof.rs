/// Stores a oneof's member; a second member is an error naming both.
pub(crate) fn set_member<T, E: serde::de::Error>(
    slot: &mut Option<T>,
    oneof: &str,
    member: T,
    wire_name: fn(&T) -> &'static str,
) -> Result<(), E> {
    if let Some(first) = slot {
        return Err(E::custom(format_args!(
            "oneof `{}` takes one member, but both `{}` and `{}` are set",
            oneof,
            wire_name(first),
            wire_name(&member)
        )));
    }
    *slot = Some(member);
    Ok(())
}
