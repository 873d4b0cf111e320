export * from "./months";
export * from "./series";
export * from "./indicators";
export * from "./forces";
export * from "./policeUk";
