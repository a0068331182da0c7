// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
// CHECK: no_policy.cpp:1:1: error: no policy in this file
// CHECK: note: declare a class that derives from memcgpp::policy<Self>
#include <memcgpp/memcgpp.hpp>

struct not_a_policy {};
