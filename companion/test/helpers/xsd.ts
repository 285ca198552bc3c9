/**
 * XSD validation (KMEHR 1.43, hub services 3.5) lives in the helper shared by
 * both test projects: test/helpers/xsd.ts. This path keeps the companion
 * tests' imports unchanged.
 */
export * from '../../../test/helpers/xsd.ts';
