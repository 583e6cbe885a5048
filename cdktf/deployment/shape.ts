// Ampere A1 (arm64), the shape of Oracle's Always Free compute allowance.
export const shapeName = 'VM.Standard.A1.Flex'
