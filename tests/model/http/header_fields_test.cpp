// Tests of model/http/header_fields.h: names and tokens match whatever their case, lists are read token by
// token, and only ASCII letters fold.
#include "model/http/header_fields.h"

#include <catch2/catch.hpp>

using namespace perflab;

TEST_CASE("header names and tokens match whatever their ASCII case, and nothing else folds") {
    CHECK(equalsIgnoringCase("Content-Length", "content-LENGTH"));
    CHECK_FALSE(equalsIgnoringCase("Content-Length", "Content-Lengths"));
    CHECK_FALSE(equalsIgnoringCase("[", "{"));               // '[' is 'Z' + 1, '{' is 'z' + 1
    CHECK_FALSE(equalsIgnoringCase("\xc3\x89", "\xc3\xa9")); // É and é in UTF-8 are different bytes
    CHECK(startsWithIgnoringCase("HTTP://host/", "http://"));
    CHECK_FALSE(startsWithIgnoringCase("http:/", "http://"));
}

TEST_CASE("a comma-separated list holds a token whatever the white space and case around it") {
    CHECK(hasToken("gzip, Chunked", "chunked"));
    CHECK(hasToken("upgrade,\tclose ", "close"));
    CHECK_FALSE(hasToken("closed, keep-alive", "close"));
    CHECK_FALSE(hasToken("", "close"));
    CHECK(trimSpaces(" \t value with spaces\t ") == "value with spaces");
}

TEST_CASE("a token is letters, digits and the punctuation RFC 9110 allows, never empty") {
    CHECK(isToken("X-Request-Id"));
    CHECK(isToken("!#$%&'*+-.^_`|~09az"));
    CHECK_FALSE(isToken(""));
    CHECK_FALSE(isToken("Bad Name"));
    CHECK_FALSE(isToken("Name:"));
}
