// Tests of engine/small_vector.h: elements kept inline up to N, spilled to the heap beyond, and
// kept in order through copies, moves and reuse.
#include "engine/small_vector.h"

#include <QObject>
#include <QTest>

#include <cstdint>
#include <utility>
#include <vector>

using poolsim::engine::SmallVector;

class TestSmallVector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inlineThenSpilled();
    void clearKeepsRoom();
    void copyAndMove();
};

namespace {
template <std::uint32_t N> std::vector<int> contents(const SmallVector<int, N>& v)
{
    return {v.begin(), v.end()};
}
} // namespace

void TestSmallVector::inlineThenSpilled()
{
    SmallVector<int, 2> v;
    QVERIFY(v.empty());
    std::vector<int> expected;
    for (int i = 0; i < 9; ++i) {
        v.push_back(i * 10);
        expected.push_back(i * 10);
        QCOMPARE(v.size(), static_cast<std::uint32_t>(expected.size()));
        QCOMPARE(v.back(), i * 10);
        QCOMPARE(contents(v), expected);
    }
    v.pop_back();
    expected.pop_back();
    QCOMPARE(contents(v), expected);
    v[3] = -1;
    QCOMPARE(v[3], -1);
}

void TestSmallVector::clearKeepsRoom()
{
    SmallVector<int, 1> v;
    for (int i = 0; i < 5; ++i)
        v.push_back(i);
    const int* spilled = v.data();
    v.clear();
    QVERIFY(v.empty());
    for (int i = 0; i < 5; ++i)
        v.push_back(i + 100);
    QCOMPARE(v.data(), spilled); // reused, not allocated again
    QCOMPARE(contents(v), (std::vector<int>{100, 101, 102, 103, 104}));
}

void TestSmallVector::copyAndMove()
{
    for (const int n : {1, 2, 6}) {
        SmallVector<int, 2> a;
        for (int i = 0; i < n; ++i)
            a.push_back(i + 1);
        const std::vector<int> expected = contents(a);

        SmallVector<int, 2> copy(a);
        QCOMPARE(contents(copy), expected);
        copy.push_back(99);
        QCOMPARE(contents(a), expected); // the copy has its own elements

        SmallVector<int, 2> assigned;
        for (int i = 0; i < 7; ++i)
            assigned.push_back(-i);
        assigned = a;
        QCOMPARE(contents(assigned), expected);

        SmallVector<int, 2> moved(std::move(a));
        QCOMPARE(contents(moved), expected);
        std::vector<SmallVector<int, 2>> many(1, moved);
        many.resize(50); // reallocates: every element moves
        QCOMPARE(contents(many[0]), expected);
    }
}

QTEST_APPLESS_MAIN(TestSmallVector)
#include "tst_small_vector.moc"
